package io.ringline.sandbox.sim.fault;

/** Published after any fault switch changed, so simulators can react (e.g. GO instances going offline). */
public record FaultsChanged() {
}
