package dev.couponbook.server.serviceaccount;

import java.util.List;

/** Every service account, oldest first. */
public record ServiceAccountList(List<ServiceAccountView> items) {
}
