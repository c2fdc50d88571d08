package org.citusschemas.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvalidInputMapperTest {

    record Item(@NotBlank String name) {}

    static class Resource {
        public void create(@NotNull @Size(min = 1) List<@NotNull @Valid Item> items) {}

        public void rename(@NotNull @Valid Item item) {}

        public void page(@jakarta.ws.rs.QueryParam("limit") @Size(max = 2) String limit) {}
    }

    static jakarta.validation.ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private Set<String> fieldsOf(Object... arguments) throws NoSuchMethodException {
        Method create = Resource.class.getMethod("create", List.class);
        return validator.forExecutables().validateParameters(new Resource(), create, arguments).stream()
                .map(v -> InvalidInputMapper.field(Resource.class, v.getPropertyPath()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void namesTheElementAndPropertyOfAnInvalidListItem() throws Exception {
        assertEquals(Set.of("[1].name"), fieldsOf(List.of(new Item("ok"), new Item(" "))));
    }

    @Test
    void namesANullListElementByItsIndex() throws Exception {
        assertEquals(Set.of("[0]"), fieldsOf(Arrays.asList(null, new Item("ok"))));
    }

    @Test
    void namesAPropertyOfAnObjectBodyByItself() throws Exception {
        Method rename = Resource.class.getMethod("rename", Item.class);
        Set<String> fields =
                validator
                        .forExecutables()
                        .validateParameters(new Resource(), rename, new Object[] {new Item("")})
                        .stream()
                        .map(v -> InvalidInputMapper.field(Resource.class, v.getPropertyPath()))
                        .collect(Collectors.toSet());
        assertEquals(Set.of("name"), fields);
    }

    @Test
    void namesNothingWhenTheWholeBodyIsWrong() throws Exception {
        assertEquals(Set.of(""), fieldsOf(List.of()));
    }

    @Test
    void namesAQueryParameterByItsName() throws Exception {
        Method page = Resource.class.getMethod("page", String.class);
        Set<String> fields =
                validator.forExecutables().validateParameters(new Resource(), page, new Object[] {"abc"}).stream()
                        .map(v -> InvalidInputMapper.field(Resource.class, v.getPropertyPath()))
                        .collect(Collectors.toSet());
        assertEquals(Set.of("limit"), fields);
    }
}
