package io.ringline.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare service built only from the platform kit, for the kit's own integration tests. */
@SpringBootApplication
public class KitTestApplication {
}
