package dev.couponbook.server;

import dev.couponbook.command.coupon.LockProperties;
import dev.couponbook.generation.GenerationSettings;
import dev.couponbook.server.security.JwtProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings table of docs/operations.md lists every setting of every settings record, and the
 * default it gives is the record's: bound from the table's defaults, each record equals the one
 * bound from nothing. Only a setting without a value ("none": null, blank or empty) may go without one.
 */
class SettingsDocumentationTest {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
    /** A table row: the setting in backticks first, then the default, in backticks when there is one. */
    private static final Pattern ROW = Pattern.compile("^\\| `(couponbook\\.[a-z.-]+)`[^|]*\\| (?:`([^`]*)`)?[^|]*\\|");

    @Test
    void canFindEverySettingOfEveryRecordWithItsDefault() throws IOException, ReflectiveOperationException {
        Map<String, String> documented = documentedDefaults();
        List<Class<?>> records = settingsRecords();
        assertThat(records).as("records of the command, generation and server modules")
                .contains(LockProperties.class, GenerationSettings.class, JwtProperties.class);
        for (Class<?> type : records) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            Object defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, type);
            Map<String, Object> settings = flatten(prefix, defaults);
            assertThat(documented).as("rows for " + type.getSimpleName()).containsKeys(settings.keySet().toArray(String[]::new));
            Map<String, String> given = new HashMap<>();
            settings.forEach((name, value) -> {
                if (value != null && !"".equals(value) && !(value instanceof Collection<?> values && values.isEmpty())) {
                    assertThat(documented.get(name)).as("documented default of " + name).isNotNull();
                }
                if (documented.get(name) != null) {
                    given.put(name, documented.get(name));
                }
            });
            assertThat(new Binder(new MapConfigurationPropertySource(given)).bindOrCreate(prefix, type))
                    .as("%s bound from the documented defaults %s", type.getSimpleName(), given).isEqualTo(defaults);
        }
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        for (String line : Files.readAllLines(OPERATIONS)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                defaults.put(row.group(1), row.group(2));
            }
        }
        return defaults;
    }

    private static List<Class<?>> settingsRecords() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return scanner.findCandidateComponents("dev.couponbook").stream().map(BeanDefinition::getBeanClassName)
                .<Class<?>>map(name -> ClassUtils.resolveClassName(name, SettingsDocumentationTest.class.getClassLoader()))
                .toList();
    }

    /** Each setting of a record by its property name, nested records' settings under their component's name. */
    private static Map<String, Object> flatten(String prefix, Object settings) throws ReflectiveOperationException {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            String name = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            component.getAccessor().setAccessible(true);
            Object value = component.getAccessor().invoke(settings);
            if (component.getType().isRecord()) {
                flat.putAll(flatten(name, value));
            } else {
                flat.put(name, value);
            }
        }
        return flat;
    }
}
