package io.portico.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a secret component of a {@link RegistrySettings} record, named as it is stored:
 * {@link RegistrySettings#secrets()} returns it and the record's {@code toString()} masks
 * it, so a new secret is declared in one place.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Secret {

}
