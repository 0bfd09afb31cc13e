package io.ringline.signaling.number;

/** The kinds of WhatsApp number Ringline can call through; each has its own transition table. */
public enum Provider {
    META,
    EVO_GO
}
