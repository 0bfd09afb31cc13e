package io.ringline.sandbox.evogo;

import java.net.URI;

/**
 * A provisioned Evolution GO instance: its API token, the WhatsApp number it is paired with (digits), where it
 * sends webhooks, and whether its WhatsApp session is connected.
 */
public record GoInstance(String name, String token, String phone, URI webhookUrl, boolean connected) {
}
