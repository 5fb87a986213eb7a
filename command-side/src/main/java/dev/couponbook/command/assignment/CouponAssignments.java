package dev.couponbook.command.assignment;

/** Which assignment created a coupon: the port through which the wallet checks a slot it holds against the coupon's history. */
public interface CouponAssignments {

    /** Whether the coupon of {@code code} exists and was created by assignment {@code assignmentId}. */
    boolean createdBy(String code, String assignmentId);
}
