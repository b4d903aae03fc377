// sharelock-pay-exact.wasm: pay's two calls counting the post's text
// exactly, fetched only for a <sharelock-pay> whose text the main module
// (which counts by bounds) cannot settle. Pay's state lives in the shim
// between steps, so a widget can carry on with this module where the
// main one left off.
#include "pay_fields.hpp"

SHARELOCK_ABI_CALLS(SHARELOCK_PAY_CALLS)
