package dev.couponbook.command.coupon;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/coupons/{code}/disable} and {@code …/enable}: admins take one code out of use and back. */
@RestController
@RequestMapping("/api/v1/coupons/{code}")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Codes")
public class CodeSwitchController {

    private final CodeSwitch codes;

    public CodeSwitchController(CodeSwitch codes) {
        this.codes = codes;
    }

    @PostMapping("/disable")
    @Operation(summary = "Disable one code, assigned or not: it is not assigned, locked or redeemed until enabled; repeating it changes nothing")
    @ApiResponse(responseCode = "200", description = "the code is disabled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodeSwitch.CodeAvailability.class)))
    public CodeSwitch.CodeAvailability disable(@PathVariable String code) {
        return codes.disable(code);
    }

    @PostMapping("/enable")
    @Operation(summary = "Enable a disabled code again; an unassigned one returns to the book's free codes; repeating it changes nothing")
    @ApiResponse(responseCode = "200", description = "the code is enabled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodeSwitch.CodeAvailability.class)))
    public CodeSwitch.CodeAvailability enable(@PathVariable String code) {
        return codes.enable(code);
    }
}
