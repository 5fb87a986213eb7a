package dev.couponbook.server.serviceaccount;

import dev.couponbook.command.Storable;
import dev.couponbook.server.role.ConditionalOnRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Admins manage the machine clients of shop backends: create, list, rotate a secret, disable and enable. */
@RestController
@ConditionalOnRole("command")
@RequestMapping("/api/v1/service-accounts")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Service accounts")
public class ServiceAccountController {

    static final int MAX_NAME = 100;

    private final ServiceAccounts accounts;
    private final ServiceAccountDirectory directory;

    public ServiceAccountController(ServiceAccounts accounts, ServiceAccountDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    /** Body of a new account: a name that tells admins which backend it is. */
    public record CreateServiceAccountRequest(@NotBlank @Size(max = MAX_NAME) @Storable String name) {
    }

    @PostMapping
    @Operation(summary = "Create a service account; its secret is shown in this answer only")
    @ApiResponse(responseCode = "201", description = "the account with its client id and secret",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ServiceAccountCredentials.class)))
    public ResponseEntity<ServiceAccountCredentials> create(@Valid @RequestBody CreateServiceAccountRequest request) {
        ServiceAccountCredentials created = accounts.create(request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/service-accounts/" + created.clientId())).body(created);
    }

    @GetMapping
    @Operation(summary = "List the service accounts, without secrets")
    public ServiceAccountList list() {
        return new ServiceAccountList(directory.list());
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "Read a service account, without its secret")
    public ServiceAccountView get(@PathVariable String clientId) {
        return accounts.view(clientId);
    }

    @PostMapping("/{clientId}/secret")
    @Operation(summary = "Replace the secret; the former one and its tokens stop working; the new one is shown once")
    @ApiResponse(responseCode = "200", description = "the account with its new secret",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ServiceAccountCredentials.class)))
    public ServiceAccountCredentials rotate(@PathVariable String clientId) {
        return accounts.rotate(clientId);
    }

    @PostMapping("/{clientId}/disable")
    @Operation(summary = "Stop the account: no new tokens, and its tokens stop working within the state cache's time")
    public ServiceAccountView disable(@PathVariable String clientId) {
        return accounts.disable(clientId);
    }

    @PostMapping("/{clientId}/enable")
    @Operation(summary = "Let a disabled account get tokens again")
    public ServiceAccountView enable(@PathVariable String clientId) {
        return accounts.enable(clientId);
    }
}
