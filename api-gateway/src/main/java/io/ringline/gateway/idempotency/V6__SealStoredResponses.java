package io.ringline.gateway.idempotency;

import io.ringline.platform.crypto.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Seals the idempotent responses stored in clear by earlier versions (new API keys and webhook secrets among
 * them) into {@code response_sealed} and drops the plaintext column, so that after this migration no record
 * holds a response in clear — without forgetting any, so retries spanning the upgrade are still answered.
 * A Java migration because sealing needs the key ring; Spring Boot hands {@code JavaMigration} beans to Flyway.
 */
@Component
class V6__SealStoredResponses extends BaseJavaMigration {

    private static final int BATCH = 500;

    private final SecretBox box;

    V6__SealStoredResponses(SecretBox box) {
        this.box = box;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE idempotency_keys ADD COLUMN response_sealed TEXT");
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT api_key_id, idempotency_key, "
                        + "response_body FROM idempotency_keys WHERE response_body IS NOT NULL AND length(response_body) > 0");
                PreparedStatement update = connection.prepareStatement("UPDATE idempotency_keys SET response_sealed = ? "
                        + "WHERE api_key_id = ? AND idempotency_key = ?")) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    update.setString(1, box.encryptBytes(rows.getBytes("response_body")));
                    update.setString(2, rows.getString("api_key_id"));
                    update.setString(3, rows.getString("idempotency_key"));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE idempotency_keys DROP COLUMN response_body");
        }
    }
}
