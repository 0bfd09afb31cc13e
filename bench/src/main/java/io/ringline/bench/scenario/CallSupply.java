package io.ringline.bench.scenario;

import java.util.List;

/**
 * Where an actions ladder's calls come from: made before each step, off its clock, and handed over only once the
 * ledger saw them ready for the action.
 */
interface CallSupply {

    /** {@code count} calls ready for the action, or fewer when some could not be made: the ramp ends then. */
    List<PreparedCall> prepare(int count);
}
