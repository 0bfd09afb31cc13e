package db.migration.gateway;

import io.ringline.gateway.tenancy.GoInstanceIdentity;
import io.ringline.platform.crypto.Hashing;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An Evolution GO instance is unique per (normalized base URL, instance name), not per instance name alone:
 * two tenants' own GO servers may both call an instance "main". The key is computed by the same
 * {@link GoInstanceIdentity} the application uses, so a later registration of an existing instance under another
 * spelling of its URL collides with the backfilled row. Meta phone-number ids stay unique platform-wide.
 *
 * <p>Existing data cannot violate the new index: until now no two live EVO_GO numbers could share an
 * instance name at all, and the new key includes the name.
 */
public class V5__GoInstanceIdentity extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE numbers ADD COLUMN go_instance_key TEXT");
        }
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "SELECT id, base_url, account_id FROM numbers WHERE provider = 'EVO_GO'");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE numbers SET go_instance_key = ? WHERE id = ?")) {
            while (rows.next()) {
                update.setString(1, key(rows.getString("base_url"), rows.getString("account_id")));
                update.setString(2, rows.getString("id"));
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE numbers ADD CONSTRAINT numbers_go_instance_key_present "
                    + "CHECK ((provider = 'EVO_GO') = (go_instance_key IS NOT NULL))");
            ddl.execute("DROP INDEX numbers_account_live");
            ddl.execute("CREATE UNIQUE INDEX numbers_meta_account_live ON numbers (account_id) "
                    + "WHERE provider = 'META' AND deleted_at IS NULL");
            ddl.execute("CREATE UNIQUE INDEX numbers_go_instance_live ON numbers (go_instance_key) "
                    + "WHERE deleted_at IS NULL");
        }
    }

    /** Rows were validated when written; one written by hand that does not parse still gets a stable key. */
    private static String key(String baseUrl, String instanceName) {
        try {
            URI url = new URI(baseUrl);
            if (url.getScheme() != null && url.getHost() != null) {
                return GoInstanceIdentity.key(url, instanceName);
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the raw spelling
        }
        return Hashing.sha256Hex(baseUrl.toLowerCase(Locale.ROOT) + " " + instanceName);
    }
}
