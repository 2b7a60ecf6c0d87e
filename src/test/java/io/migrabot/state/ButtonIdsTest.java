package io.migrabot.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ButtonIdsTest {
    @Test
    void newIdsAreWellFormedAndDistinct() {
        String a = ButtonIds.next();
        assertThat(ButtonIds.wellFormed(a)).isTrue();
        assertThat(ButtonIds.next()).isNotEqualTo(a);
        assertThat(("ap:" + a).getBytes()).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void anythingElseIsNotLookedUp() {
        assertThat(ButtonIds.wellFormed(null)).isFalse();
        assertThat(ButtonIds.wellFormed("AAAA")).isFalse();
        assertThat(ButtonIds.wellFormed("A".repeat(23))).isFalse();
        assertThat(ButtonIds.wellFormed("AAAAAAAAAAAAAAAAAAAA'1")).isFalse();
        assertThat(ButtonIds.wellFormed("AAAAAAAAAAAAAAAAAAAAAA")).isTrue();
    }
}
