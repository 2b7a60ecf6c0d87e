/**
 * Reading script directories without executing them: alembic.ini with configparser's rules, and Alembic revision files read as Python literals.
 */
package io.migrabot.script;
