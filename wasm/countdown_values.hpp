// Embind registrations of the countdown's typed view (core/include/
// sharelock/countdown_widget.hpp), drawn every second for each visible
// countdown: no JSON written or parsed per tick. Shapes in types/core.d.ts.
#pragma once

#include <emscripten/bind.h>

#include "sharelock/countdown_widget.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_countdown_view() {
  emscripten::value_object<CountdownPart>("CountdownPart")
      .field("unit", &CountdownPart::unit)
      .field("value", &CountdownPart::value)
      .field("label", &CountdownPart::label);
  emscripten::value_object<CountdownView> view("CountdownView");
  view.field("phase", &CountdownView::phase)
      .field("text", &CountdownView::text)
      .field("spoken", &CountdownView::spoken);
  register_list_field<CountdownView, CountdownPart, &CountdownView::parts>(view, "parts");
}

}  // namespace sharelock::bindings
