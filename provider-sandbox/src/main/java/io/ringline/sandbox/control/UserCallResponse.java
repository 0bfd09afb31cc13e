package io.ringline.sandbox.control;

import io.ringline.sandbox.sim.call.SimulatedProvider;

/** The call a simulated user placed, as the provider identifies it. */
record UserCallResponse(String externalCallId, SimulatedProvider provider) {
}
