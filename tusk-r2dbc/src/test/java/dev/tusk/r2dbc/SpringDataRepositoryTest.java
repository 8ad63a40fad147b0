package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.r2dbc.repository.support.R2dbcRepositoryFactory;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.query.Param;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import org.springframework.data.repository.reactive.ReactiveSortingRepository;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Spring Data R2DBC repository on the adapter, made as a Spring Boot application makes it (an
 * {@link R2dbcEntityTemplate} over the connection factory, the dialect chosen from its metadata):
 * save with generated keys, NULLs, derived queries, sorting and paging, {@code @Query} with named
 * parameters, {@code @Modifying} updates, and a transaction rolled back as a whole.
 */
class SpringDataRepositoryTest extends R2dbcTestBase {

    private final ConnectionFactory factory = R2dbcTestServer.connectionFactory();
    private final PersonRepository people =
            new R2dbcRepositoryFactory(new R2dbcEntityTemplate(factory)).getRepository(PersonRepository.class);

    @Table("tusk_spring_people")
    public record Person(@Id Long id, String name, String email, int age) {

        static Person of(String name, String email, int age) {
            return new Person(null, name, email, age);
        }
    }

    public interface PersonRepository extends ReactiveCrudRepository<Person, Long>, ReactiveSortingRepository<Person, Long> {

        Flux<Person> findByAgeGreaterThanOrderByName(int age);

        Flux<Person> findByEmailIsNull();

        Mono<Person> findByName(String name);

        Flux<Person> findAllBy(Pageable page);

        @Query("SELECT * FROM tusk_spring_people WHERE name LIKE :prefix || '%' ORDER BY name")
        Flux<Person> namesStartingWith(@Param("prefix") String prefix);

        @Modifying
        @Query("UPDATE tusk_spring_people SET age = age + 1 WHERE age < :age")
        Mono<Integer> birthdayForThoseYoungerThan(@Param("age") int age);
    }

    @BeforeEach
    void createTable() {
        run("DROP TABLE IF EXISTS tusk_spring_people");
        run("CREATE TABLE tusk_spring_people (id bigserial PRIMARY KEY, name text NOT NULL, email text, age int NOT NULL)");
    }

    @AfterEach
    void dropTable() {
        run("DROP TABLE IF EXISTS tusk_spring_people");
    }

    @Test
    void saveAssignsGeneratedKeysAndNullsRoundTrip() {
        List<Person> saved = people.saveAll(List.of(Person.of("Ada", "ada@example.org", 36), Person.of("Alan", null, 41)))
                .collectList().block(TIMEOUT);

        assertThat(saved).extracting(Person::id).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(people.findById(saved.get(1).id()).block(TIMEOUT))
                .isEqualTo(new Person(saved.get(1).id(), "Alan", null, 41));
        assertThat(people.count().block(TIMEOUT)).isEqualTo(2L);
        assertThat(people.existsById(saved.get(0).id()).block(TIMEOUT)).isTrue();
    }

    @Test
    void derivedQueriesSortingAndPaging() {
        people.saveAll(List.of(Person.of("Grace", null, 85), Person.of("Ada", "ada@example.org", 36),
                Person.of("Edsger", "ew@example.org", 72), Person.of("Barbara", null, 29))).blockLast(TIMEOUT);

        assertThat(people.findByAgeGreaterThanOrderByName(40).map(Person::name).collectList().block(TIMEOUT))
                .containsExactly("Edsger", "Grace");
        assertThat(people.findByEmailIsNull().map(Person::name).collectList().block(TIMEOUT))
                .containsExactlyInAnyOrder("Grace", "Barbara");
        assertThat(people.findByName("Ada").map(Person::age).block(TIMEOUT)).isEqualTo(36);
        assertThat(people.findAll(Sort.by("age").descending()).map(Person::name).collectList().block(TIMEOUT))
                .containsExactly("Grace", "Edsger", "Ada", "Barbara");
        assertThat(people.findAllBy(PageRequest.of(1, 2, Sort.by("name"))).map(Person::name).collectList().block(TIMEOUT))
                .containsExactly("Edsger", "Grace");
    }

    @Test
    void queryAnnotationsBindNamedParametersAndModifyingQueriesCountRows() {
        people.saveAll(List.of(Person.of("Ada", null, 36), Person.of("Alan", null, 41), Person.of("Barbara", null, 29)))
                .blockLast(TIMEOUT);

        assertThat(people.namesStartingWith("A").map(Person::name).collectList().block(TIMEOUT))
                .containsExactly("Ada", "Alan");
        assertThat(people.birthdayForThoseYoungerThan(40).block(TIMEOUT)).isEqualTo(2);
        assertThat(people.findAll(Sort.by("name")).map(Person::age).collectList().block(TIMEOUT))
                .containsExactly(37, 41, 30);
    }

    @Test
    void saveOfAKnownEntityUpdatesItAndDeleteRemovesIt() {
        Person ada = people.save(Person.of("Ada", null, 36)).block(TIMEOUT);

        people.save(new Person(ada.id(), "Ada Lovelace", "ada@example.org", 36)).block(TIMEOUT);
        assertThat(people.findById(ada.id()).block(TIMEOUT))
                .isEqualTo(new Person(ada.id(), "Ada Lovelace", "ada@example.org", 36));

        people.deleteById(ada.id()).block(TIMEOUT);
        assertThat(people.findById(ada.id()).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void aFailingSaveInATransactionRollsBackTheSavesBeforeIt() {
        TransactionalOperator transactional = TransactionalOperator.create(new R2dbcTransactionManager(factory));
        Mono<Person> failing = people.save(Person.of("Ada", null, 36))
                .then(people.save(new Person(null, null, null, 41))); // name is NOT NULL

        assertThatThrownBy(() -> transactional.transactional(failing).block(TIMEOUT))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(people.count().block(TIMEOUT)).as("the first save was rolled back with the second").isZero();
    }
}
