package io.ledgerkit.examples.rest.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a controller's JSON names the SDK's fields, where they differ (seed 003 says {@code emailId}
 * where the SDK says {@code contactEmail}; seed 004 {@code inventoryItemId} for {@code itemId}), so
 * that a validation problem names the fields the client sent. Each entry is {@code
 * sdkName=jsonName}; a method's entries come before its class's. Every segment of a nested name is
 * renamed: {@code items[3].contactEmail} becomes {@code dataList[3].emailId} under {@code
 * items=dataList} and {@code contactEmail=emailId}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface FieldNames {

  /** @return entries {@code sdkName=jsonName} */
  String[] value();
}
