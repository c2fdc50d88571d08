package org.citusschemas.user.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.citusschemas.support.failfast.SchemaCalls;
import org.citusschemas.user.control.UserDirectory;
import org.citusschemas.user.entity.User;

/**
 * {@code /users}: register a batch, list all (streamed) or a page after a given id, read one.
 */
@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** The most users one {@code POST /users} may carry. */
    public static final int MAX_BATCH = 1000;

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    @Inject
    UserDirectory directory;

    /** Every call on the database goes through it: 503 at once while the schema's node is known to be gone. */
    @Inject
    SchemaCalls calls;

    /** Says that an answer is the one an earlier request with the same Idempotency-Key got. */
    static final String REPLAYED = "Idempotent-Replayed";

    /**
     * Stores a batch. With an {@code Idempotency-Key}, at most once per key: the same key again
     * answers the first request's ids (and {@code Idempotent-Replayed: true}), stores nothing, and
     * waits for the first if it is still in progress; the same key with other users is a 422.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @NotNull(message = "must be a JSON array of users") @Batch
                    List<@NotNull(message = "must be a user object") @Valid NewUser> users) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        // The entities are made inside each call: a call tried again (a lock held by a schema move)
        // persists new ones, since the rolled-back try left its own with ids.
        if (key == null) {
            List<Long> ids = calls.call(() -> directory.register(entities(users)));
            return Response.status(Response.Status.CREATED)
                    .entity(UsersCreated.of(ids))
                    .build();
        }
        String fingerprint = IdempotencyKey.fingerprint(users);
        UserDirectory.Registered done;
        try {
            done = calls.call(() -> directory.register(entities(users), key.value(), fingerprint));
        } catch (UserDirectory.KeyReusedException e) {
            throw new ClientErrorException(
                    e.getMessage(),
                    Response.status(422, "Unprocessable Content").build());
        }
        Response.ResponseBuilder created =
                Response.status(Response.Status.CREATED).entity(UsersCreated.of(done.ids()));
        return (done.replayed() ? created.header(REPLAYED, "true") : created).build();
    }

    private static List<User> entities(List<NewUser> users) {
        return users.stream().map(NewUser::toUser).toList();
    }

    /**
     * Without parameters every user, streamed; with {@code limit} and/or {@code after} one page
     * of users whose id is greater than {@code after}, and a {@code Link: rel="next"} when the
     * page is full.
     */
    @GET
    public Response list(
            @QueryParam("limit") @Pattern(regexp = "\\d{1,9}", message = "must be a whole number") @PageSize
                    String limit,
            @QueryParam("after") @Pattern(regexp = "\\d{1,18}", message = "must be a whole number") String after,
            @Context UriInfo uri) {
        if (limit == null && after == null) {
            StreamingOutput everyone = out -> calls.call(() -> directory.writeAll(out));
            return Response.ok(everyone).build();
        }
        int size = limit == null ? DEFAULT_PAGE : Integer.parseInt(limit);
        long from = after == null ? 0 : Long.parseLong(after);
        List<User> page = calls.call(() -> directory.page(from, size));
        Response.ResponseBuilder response = Response.ok(page);
        if (page.size() == size) {
            long last = page.get(page.size() - 1).getId();
            response.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("after", last)
                            .replaceQueryParam("limit", size)
                            .build(),
                    "next");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public User get(@PathParam("id") @Pattern(regexp = "\\d{1,18}", message = "must be a whole number") String id) {
        return calls.call(() -> directory.find(Long.parseLong(id)))
                .orElseThrow(() -> new NotFoundException("No user with id " + id));
    }
}
