# nlohmann/json and fmt come from Debian packages (nlohmann-json3-dev,
# libfmt-dev). Both are used header-only so the native and the wasm build
# compile exactly the same code.
if(EMSCRIPTEN)
  # find_package() would put /usr/include on the wasm include path, which
  # drags glibc headers into the Emscripten sysroot build (TOOLCHAIN.md).
  # Stage a folder holding only the two libraries and point imported targets
  # with the usual names at it.
  set(_staged "${CMAKE_BINARY_DIR}/staged-include")
  file(MAKE_DIRECTORY "${_staged}")
  foreach(_lib nlohmann fmt)
    if(NOT EXISTS "${_staged}/${_lib}")
      file(CREATE_LINK "/usr/include/${_lib}" "${_staged}/${_lib}" SYMBOLIC)
    endif()
  endforeach()
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_staged}")
  add_library(fmt::fmt-header-only INTERFACE IMPORTED)
  set_target_properties(fmt::fmt-header-only PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_staged}"
    INTERFACE_COMPILE_DEFINITIONS "FMT_HEADER_ONLY=1")
  # emcc's linker step needs acorn from Debian's node modules, and the
  # Closure Compiler (npm google-closure-compiler, a devDependency) for
  # --closure (wasm/CMakeLists.txt).
  set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK
    "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs EM_CLOSURE_COMPILER=${CMAKE_SOURCE_DIR}/node_modules/.bin/google-closure-compiler")
else()
  find_package(nlohmann_json 3.11 REQUIRED)
  find_package(fmt 9 REQUIRED)
endif()
