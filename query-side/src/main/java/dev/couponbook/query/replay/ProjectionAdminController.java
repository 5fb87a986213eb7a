package dev.couponbook.query.replay;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Lets admins watch the event processors and rebuild a read model from the full history. */
@RestController
@RequestMapping("/api/v1/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration")
public class ProjectionAdminController {

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    public List<ProjectionStatus> list() {
        return admin.list();
    }

    @GetMapping("/{name}")
    public ProjectionStatus get(@PathVariable String name) {
        return admin.status(name);
    }

    /** Accepted: the processor is replaying in the background; follow it with {@code GET …/{name}}. */
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionStatus replay(@PathVariable String name) {
        return admin.replay(name);
    }
}
