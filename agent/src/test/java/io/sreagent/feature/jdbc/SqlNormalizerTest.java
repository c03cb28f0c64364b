package io.sreagent.feature.jdbc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlNormalizerTest {

    @Test
    void literalsBecomePlaceholders() {
        assertEquals("SELECT * FROM users WHERE email = ? AND age > ? AND score = ?",
                SqlNormalizer.normalize("SELECT * FROM users WHERE email = 'a@b.com' AND age > 42 AND score = 1.5e-3"));
        assertEquals("UPDATE t SET v = ? WHERE id = ?", SqlNormalizer.normalize("UPDATE t SET v = 'it''s' WHERE id = 0x1F"));
        assertEquals("SELECT ?", SqlNormalizer.normalize("SELECT $$secret body$$"));
    }

    @Test
    void identifiersWithDigitsAndQuotedNamesStay() {
        assertEquals("SELECT t1.col_2, \"Name 3\" FROM table9 t1 WHERE t1.x = ?",
                SqlNormalizer.normalize("SELECT t1.col_2, \"Name 3\" FROM table9 t1 WHERE t1.x = 7"));
    }

    @Test
    void inListsOfAnyLengthAreOneStatement() {
        String three = SqlNormalizer.normalize("SELECT * FROM o WHERE id IN (1, 2, 3)");
        String five = SqlNormalizer.normalize("SELECT * FROM o WHERE id IN (?,?,?,?,?)");
        assertEquals("SELECT * FROM o WHERE id IN (?)", three);
        assertEquals(three, five);
        assertEquals("SELECT * FROM o WHERE id in (?) AND x = ?", SqlNormalizer.normalize("SELECT * FROM o WHERE id in (7) AND x = 1"));
    }

    @Test
    void insertedRowsKeepTheirArity() {
        assertEquals("INSERT INTO t (a, b) VALUES (?, ?)", SqlNormalizer.normalize("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"));
        assertEquals("INSERT INTO t VALUES (?, ?)", SqlNormalizer.normalize("INSERT INTO t VALUES (2, 1)"));
        assertEquals("INSERT INTO t VALUES (?, ?)", SqlNormalizer.normalize("INSERT INTO t VALUES (?,?)"));
        assertEquals("INSERT INTO t VALUES (default, ?, ?)", SqlNormalizer.normalize("INSERT INTO t VALUES (default, 1, 2)"));
    }

    @Test
    void whitespaceIsFoldedAndCommentsDropped() {
        assertEquals("SELECT a FROM b WHERE c = ?",
                SqlNormalizer.normalize("  SELECT a -- user 'bob'\n FROM\tb /* id=5 */ WHERE   c = 'x'  "));
    }

    @Test
    void longStatementsAreCut() {
        String sql = "SELECT " + "col, ".repeat(500) + "x FROM t";
        String shape = SqlNormalizer.normalize(sql);
        assertTrue(shape.length() <= SqlNormalizer.MAX_LENGTH + 3, shape);
        assertTrue(shape.endsWith("..."), shape);
    }

    @Test
    void unterminatedLiteralDoesNotLeak() {
        assertEquals("SELECT ?", SqlNormalizer.normalize("SELECT 'no end"));
    }
}
