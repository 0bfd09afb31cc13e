package io.ringline.media.play;

import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The downloader of tenants' audio files: guarded (unless development allows private networks), capped, bounded
 * in time.
 */
@Configuration(proxyBeanMethods = false)
class PlayConfiguration {

    @Bean
    AudioDownloader audioDownloader(MediaProperties props, AddressGuard guard) {
        return new AudioDownloader(guard.group().orElse(null), props.download().maxSize().toBytes(),
                props.download().timeout());
    }
}
