package io.ringline.sandbox.meta;

/** Where a Meta call is: ringing (not yet answered), accepted (media may flow), ended. */
enum MetaCallState {
    RINGING,
    ACCEPTED,
    ENDED
}
