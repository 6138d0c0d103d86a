package io.ledgerkit.boot;

import com.mongodb.client.MongoClient;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.jpa.HostTransactions;
import io.ledgerkit.jpa.JpaPersistence;
import io.ledgerkit.mongo.MongoPersistence;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The SDK's store, a {@link PersistenceAdapter} bean, unless the host defines one: MongoDB on the
 * context's {@link MongoClient} when {@code ledgerkit.mongo.database} is set (and {@code
 * ledgerkit-persistence-mongo} is present), otherwise PostgreSQL on the context's {@link
 * DataSource} (when {@code ledgerkit-persistence-jpa} is present).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration"})
@EnableConfigurationProperties(LedgerkitProperties.class)
public class LedgerkitPersistenceAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public LedgerkitPersistenceAutoConfiguration() {}

  /** PostgreSQL on the context's {@code DataSource}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JpaPersistence.class)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnMissingBean(PersistenceAdapter.class)
  @Conditional(NoMongoDatabase.class)
  static class Jpa {

    @Bean(destroyMethod = "close")
    JpaPersistence ledgerkitPersistence(DataSource dataSource, LedgerkitProperties properties) {
      JpaPersistence.Builder builder = JpaPersistence.builder(dataSource)
          .migrate(properties.migrations().enabled());
      if (!properties.joinTransactions()) {
        builder = builder.hostTransactions(HostTransactions.none());
      }
      return builder.build();
    }
  }

  /** MongoDB on the context's {@code MongoClient}, in {@code ledgerkit.mongo.database}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MongoPersistence.class, MongoClient.class})
  @ConditionalOnBean(MongoClient.class)
  @ConditionalOnProperty("ledgerkit.mongo.database")
  @ConditionalOnMissingBean(PersistenceAdapter.class)
  static class Mongo {

    @Bean
    MongoPersistence ledgerkitPersistence(MongoClient client, LedgerkitProperties properties) {
      LedgerkitProperties.Mongo mongo = properties.mongo();
      MongoPersistence.Builder builder =
          MongoPersistence.builder(client, Objects.requireNonNull(mongo.database()));
      if (mongo.collectionPrefix() != null) {
        builder = builder.collectionPrefix(mongo.collectionPrefix());
      }
      return builder.build();
    }
  }

  /** {@code ledgerkit.mongo.database} is not set: the host does not ask for MongoDB. */
  static class NoMongoDatabase extends NoneNestedConditions {

    NoMongoDatabase() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("ledgerkit.mongo.database")
    static class DatabaseSet {}
  }
}
