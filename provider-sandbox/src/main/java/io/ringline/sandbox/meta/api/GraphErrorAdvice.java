package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.GraphException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Graph API routes answer every failure as a Graph error. */
@RestControllerAdvice(basePackageClasses = GraphErrorAdvice.class)
class GraphErrorAdvice {

    @ExceptionHandler
    ResponseEntity<GraphErrorBody> graph(GraphException e) {
        return ResponseEntity.status(GraphErrorBody.statusOf(e)).body(GraphErrorBody.of(e));
    }

    @ExceptionHandler
    ResponseEntity<GraphErrorBody> unreadable(ServerWebInputException e) {
        return graph(GraphException.invalidParameter("The request body is not valid JSON: " + e.getReason()));
    }
}
