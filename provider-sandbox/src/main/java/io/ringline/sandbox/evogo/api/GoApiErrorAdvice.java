package io.ringline.sandbox.evogo.api;

import io.ringline.sandbox.evogo.GoCallNotFoundException;
import io.ringline.sandbox.evogo.GoCallRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** GO API failures in GO's shape: {@code {error}} with a 4xx status. */
@RestControllerAdvice(basePackageClasses = GoApiErrorAdvice.class)
class GoApiErrorAdvice {

    @ExceptionHandler
    ResponseEntity<GoError> apiError(GoApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<GoError> notFound(GoCallNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** A request that can never apply to this call is a bad request; one that conflicts with its state a 409. */
    @ExceptionHandler
    ResponseEntity<GoError> refused(GoCallRefusedException e) {
        return error(e.kind() == GoCallRefusedException.Kind.WRONG_CALL ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT,
                e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<GoError> invalid(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<GoError> unreadable(ServerWebInputException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid request: " + e.getReason());
    }

    private static ResponseEntity<GoError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new GoError(message));
    }
}
