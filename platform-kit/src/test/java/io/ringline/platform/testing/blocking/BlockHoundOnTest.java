package io.ringline.platform.testing.blocking;

/** BlockHound is on in platform-kit's own tests. */
class BlockHoundOnTest extends BlockHoundContract {
}
