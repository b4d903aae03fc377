// The share bar's module (sharelock-share.wasm, and -exact): its two calls
// over Sharelock's C ABI (share_fields.hpp). The main module lists the same
// calls among its own (bindings.cpp links this file too).
#include "share_fields.hpp"

SHARELOCK_ABI_CALLS(SHARELOCK_SHARE_BAR_CALLS)
