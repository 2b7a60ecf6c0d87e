/**
 * Reading script directories without executing them: alembic.ini with configparser's rules and pyproject.toml's
 * [tool.alembic] as Alembic 1.16 combines them, and Alembic revision files read as Python literals, following the
 * constants they import from the project's own modules.
 */
package io.migrabot.script;
