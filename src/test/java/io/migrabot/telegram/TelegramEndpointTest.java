package io.migrabot.telegram;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.Secret;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the bot connects, and how the token is kept out of the text that leaves the package. */
class TelegramEndpointTest {
    private static final Secret TOKEN = new Secret(FakeBotApi.TOKEN);

    @Test
    void telegramsOwnServerIsTheDefault() {
        assertThat(TelegramEndpoint.official(TOKEN).telegramUrl())
                .isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
        assertThat(new TelegramEndpoint(TOKEN, URI.create("http://bot-api.internal:8081")).telegramUrl())
                .isEqualTo(new TelegramUrl("http", "bot-api.internal", 8081, false));
        assertThat(TelegramEndpoint.official(TOKEN).toString()).doesNotContain(FakeBotApi.TOKEN);
    }

    @Test
    void aBaseUrlTelegrambotsWouldPartlyIgnoreIsRefused() {
        for (String url : new String[] {"https://example.com/telegram", "ftp://example.com", "https://u:p@example.com",
                "https://example.com?x=1", "api.telegram.org"}) {
            assertThatThrownBy(() -> new TelegramEndpoint(TOKEN, URI.create(url))).as(url)
                    .isInstanceOfSatisfying(MigrabotException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("http(s)://HOST[:PORT]");
        }
    }

    @Test
    void aMalformedTokenIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> TelegramEndpoint.official(new Secret("123:abc/def")))
                .isInstanceOf(MigrabotException.class).hasMessageNotContaining("abc/def");
        assertThatThrownBy(() -> TelegramEndpoint.official(new Secret(""))).isInstanceOf(MigrabotException.class);
    }

    @Test
    void theTokenIsMaskedInEveryMessageOfAFailureChain() {
        TelegramEndpoint endpoint = TelegramEndpoint.official(TOKEN);
        String url = "https://api.telegram.org/bot" + FakeBotApi.TOKEN + "/sendmessage";
        TelegramApiException thrown = new TelegramApiException("Unable to execute sendmessage method",
                new IOException("unexpected end of stream on " + url));

        TelegramException failure = TelegramException.of("sendMessage to chat 1", thrown, endpoint);

        assertThat(failure.getMessage()).contains("https://api.telegram.org/bot****/sendmessage")
                .doesNotContain(FakeBotApi.TOKEN);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(FakeBotApi.TOKEN);
        }
        assertThat(failure.getCause().getCause().getMessage()).startsWith("java.io.IOException: unexpected end");
        assertThat(failure.getCause().getStackTrace()).isEqualTo(thrown.getStackTrace());
    }
}
