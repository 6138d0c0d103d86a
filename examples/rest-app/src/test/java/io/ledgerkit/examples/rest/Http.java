package io.ledgerkit.examples.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client of the app under test: JSON in, JSON out, an optional bearer token. */
final class Http {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final URI base;

  Http(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** An answer: its status, headers and body, read as JSON where it is JSON. */
  record Reply(int status, HttpResponse<String> response, JsonNode json) {

    String header(String name) {
      return response.headers().firstValue(name).orElse("");
    }

    String contentType() {
      return header("Content-Type");
    }

    /** @return the {@code code} of a problem detail */
    String code() {
      return json.path("code").asString();
    }

    /** @return the field names of a 400 problem's {@code errors}, in order */
    java.util.List<String> fields() {
      java.util.List<String> fields = new java.util.ArrayList<>();
      json.path("errors").forEach(error -> fields.add(error.path("field").asString()));
      return fields;
    }

    @Override
    public String toString() {
      return status + " " + response.body();
    }
  }

  Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  Reply delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  Reply post(String path, String token, Object body) {
    return send(request(path, token).POST(json(body)).header("Content-Type", "application/json"));
  }

  Reply patch(String path, String token, Object body) {
    return send(request(path, token).method("PATCH", json(body))
        .header("Content-Type", "application/json"));
  }

  Reply put(String path, String token, Object body) {
    return send(request(path, token).PUT(json(body)).header("Content-Type", "application/json"));
  }

  /** Sends exactly these bytes, with these headers and no token. */
  Reply postRaw(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = request(path, null)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30));
    Optional.ofNullable(token).ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return request;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
    return HttpRequest.BodyPublishers.ofString(text);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = type.contains("json") && !response.body().isEmpty()
          ? JSON.readTree(response.body()) : JSON.missingNode();
      return new Reply(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
