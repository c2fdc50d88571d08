package org.citusschemas.user.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The answer to a stored batch, as the tutorial's service gives it. */
public record UsersCreated(
        String message, @JsonbProperty("user_ids") List<Long> userIds) {

    static UsersCreated of(List<Long> ids) {
        return new UsersCreated("Users created successfully", ids);
    }
}
