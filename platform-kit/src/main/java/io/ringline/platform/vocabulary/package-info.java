/**
 * Values two services must spell alike, parsed once: what Meta bills for a call, Meta's call-permission statuses and
 * Evolution GO's connection states. Plain Java (no framework), so a service's domain may hold them.
 */
package io.ringline.platform.vocabulary;
