package io.ringline.sandbox.control;

import java.util.Map;

import io.ringline.sandbox.sim.fault.FaultSettings;

/** All fault switches: the global scope and each business phone's own. */
record FaultsView(FaultSettings global, Map<String, FaultSettings> numbers) {
}
