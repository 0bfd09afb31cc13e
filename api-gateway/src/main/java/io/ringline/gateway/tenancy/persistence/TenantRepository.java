package io.ringline.gateway.tenancy.persistence;

import io.ringline.gateway.tenancy.Tenant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Tenants table. */
@Repository
public class TenantRepository {

    private final DatabaseClient db;

    public TenantRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Tenant tenant) {
        return db.sql("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :createdAt)")
                .bind("id", tenant.id())
                .bind("name", tenant.name())
                .bind("createdAt", tenant.createdAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    public Mono<Tenant> find(String id) {
        return db.sql("SELECT id, name, created_at FROM tenants WHERE id = :id")
                .bind("id", id)
                .map(row -> new Tenant(row.get("id", String.class), row.get("name", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }
}
