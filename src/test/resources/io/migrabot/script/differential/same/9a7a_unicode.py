"""Ajoute la table café ☕ — 日本語 😀"""
revision = "9a7a"
down_revision = ["8f6f", "7e5e"]
branch_labels = ("café",)
