package io.ringline.fanout;

import io.ringline.platform.testing.blocking.BlockHoundContract;

/** BlockHound is on in this module's tests: a blocking call on an event loop fails them. */
class BlockHoundOnTest extends BlockHoundContract {
}
