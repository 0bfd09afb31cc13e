/**
 * The bodies of internal HTTP requests between services (docs/internal-apis.md), one record each, used by the
 * client that sends them and the server that reads them, so the two cannot drift apart.
 */
package io.ringline.platform.internalapi;
