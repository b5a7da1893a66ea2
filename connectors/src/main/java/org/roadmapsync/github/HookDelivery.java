package org.roadmapsync.github;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One attempt of GitHub's to deliver an event to a webhook ({@code hook-delivery-item}). All
 * attempts of one event share its {@code guid}, the {@code X-GitHub-Delivery} header; {@code
 * statusCode} is the receiver's answer, 0 when GitHub could not connect or got no answer.
 */
public record HookDelivery(
    long id,
    String guid,
    Instant deliveredAt,
    boolean redelivery,
    double duration,
    String status,
    int statusCode,
    String event,
    String action,
    Long repositoryId) {

  @JsonIgnore
  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 300;
  }
}
