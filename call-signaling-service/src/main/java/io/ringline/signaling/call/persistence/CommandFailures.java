package io.ringline.signaling.call.persistence;

import io.ringline.signaling.call.CommandError;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The error each failed command was answered with, kept so a redelivery gets the same answer. */
@Repository
public class CommandFailures {

    private final DatabaseClient db;

    public CommandFailures(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(String commandId, String callId, CommandError failure) {
        return CallRows.bindNullable(db.sql("""
                                INSERT INTO command_failures (command_id, call_id, http_status, code, message, details_json)
                                VALUES (:id, :call, :status, :code, :message, :details)
                                ON CONFLICT (command_id) DO NOTHING""")
                        .bind("id", commandId)
                        .bind("call", callId)
                        .bind("status", failure.httpStatus())
                        .bind("code", failure.code())
                        .bind("message", failure.message()), "details", failure.detailsJson(), String.class)
                .then();
    }

    public Mono<CommandError> find(String commandId) {
        return db.sql("SELECT http_status, code, message, details_json FROM command_failures WHERE command_id = :id")
                .bind("id", commandId)
                .map(row -> new CommandError(row.get("http_status", Integer.class), row.get("code", String.class),
                        row.get("message", String.class), row.get("details_json", String.class)))
                .one();
    }
}
