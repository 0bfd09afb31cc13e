package io.ringline.sandbox.control;

import java.util.NoSuchElementException;

import io.ringline.sandbox.sim.call.UserCallRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Control API errors as {@code {error, details?}}. */
@RestControllerAdvice(annotations = ControlApi.class)
class ControlErrorAdvice {

    @ExceptionHandler
    ResponseEntity<ControlError> invalid(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        Throwable cause = e.getMostSpecificCause();
        return error(HttpStatus.BAD_REQUEST, "invalid request: " + e.getReason(),
                cause != e && cause.getMessage() != null ? cause.getMessage().lines().findFirst().orElse(null) : null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> noSuchCall(NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> refused(UserCallRefusedException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<ControlError> tooLarge(PayloadTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), null);
    }

    private static ResponseEntity<ControlError> error(HttpStatus status, String message, String details) {
        return ResponseEntity.status(status).body(new ControlError(message, details));
    }
}
