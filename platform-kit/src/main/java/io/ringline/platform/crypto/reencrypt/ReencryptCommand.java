package io.ringline.platform.crypto.reencrypt;

import io.ringline.platform.config.CryptoProperties;
import io.ringline.platform.crypto.SecretBox;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The {@code --ringline.reencrypt} mode of every service jar ({@code bin/reencrypt} runs it for each service):
 * instead of the service, a small application with the service's own configuration (database, schema, key
 * ring) and nothing else — no web server, no Kafka, no migrations — re-encrypts the service's sealed columns
 * under the active key, prints what it did and exits: 0 when every envelope is under the active key, 1 when
 * some are not (unreadable ones, or rows a service instance still on the old ring wrote meanwhile: run it
 * again), 2 when it could not run at all.
 */
public final class ReencryptCommand {

    /** The command-line flag that selects this mode. */
    public static final String FLAG = "--ringline.reencrypt";

    private static final Logger log = LoggerFactory.getLogger(ReencryptCommand.class);

    private ReencryptCommand() {
    }

    public static boolean requested(String... args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /**
     * @param configName the service's {@code spring.config.name}
     * @param columns    every sealed column of the service's schema
     * @param args       the command line; {@code --name=value} arguments override configuration as usual
     * @return the exit code
     */
    public static int run(String configName, List<SealedColumn> columns, String... args) {
        SpringApplication app = new SpringApplication(Command.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setRegisterShutdownHook(false);
        app.setDefaultProperties(Map.of("spring.config.name", configName));
        String[] springArgs = Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(springArgs)) {
            Reencryption reencryption = context.getBean(Reencryption.class);
            SecretBox box = context.getBean(SecretBox.class);
            log.info("re-encrypting {} sealed column(s) of {} under crypto key '{}' (ring {})", columns.size(),
                    configName, box.activeKeyId(), box.keyIds());
            List<ColumnReport> reports = reencryption.reencrypt(columns).block(Duration.ofHours(24));
            boolean done = reports != null && reports.stream().allMatch(ColumnReport::done);
            if (done) {
                log.info("{}: every sealed value is under crypto key '{}'", configName, box.activeKeyId());
                return 0;
            }
            log.warn("{}: some sealed values are not under crypto key '{}' yet (see above); unreadable ones need "
                    + "their key in the ring, others were written meanwhile by an instance on the old ring: "
                    + "restart every instance with the new ring and run this again", configName, box.activeKeyId());
            return 1;
        } catch (RuntimeException e) {
            log.error("{}: re-encryption did not run: {}", configName, e.toString());
            return 2;
        }
    }

    /** @param batchSize rows read and rewritten per transaction */
    @ConfigurationProperties("ringline.reencrypt")
    record ReencryptProperties(@DefaultValue("500") int batchSize) {
    }

    /** @param schema the service's own schema (each service's configuration file sets it) */
    @ConfigurationProperties("ringline.db")
    record SchemaProperties(String schema) {
    }

    /** Only what re-encryption needs: the service's database (R2DBC) and its key ring. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(R2dbcAutoConfiguration.class)
    @EnableConfigurationProperties({CryptoProperties.class, ReencryptProperties.class, SchemaProperties.class})
    static class Command {

        @Bean
        SecretBox secretBox(CryptoProperties crypto) {
            return new SecretBox(crypto.keyRing());
        }

        @Bean
        Reencryption reencryption(ConnectionFactory connections, SecretBox box, ReencryptProperties props,
                SchemaProperties db) {
            return new Reencryption(DatabaseClient.create(connections),
                    TransactionalOperator.create(new R2dbcTransactionManager(connections)), box, db.schema(),
                    props.batchSize());
        }
    }
}
