package io.ringline.sandbox.meta.media;

import java.util.concurrent.CompletableFuture;

import io.ringline.sandbox.sim.call.MediaView;

/** A phone without media: Meta-shaped SDP whose candidate nobody listens on, and the reason there is no peer. */
record SyntheticPhone(String sdp, String why) implements UserPhone {

    @Override
    public CompletableFuture<String> description() {
        return CompletableFuture.completedFuture(sdp);
    }

    @Override
    public void businessAnswered(String answer) {
        // Nothing listens: the answer is recorded on the call, not applied anywhere.
    }

    @Override
    public void talk() {
        // No media, nothing to say.
    }

    @Override
    public void hangUp() {
        // Nothing to release.
    }

    @Override
    public MediaView view() {
        return MediaView.synthetic(why);
    }
}
