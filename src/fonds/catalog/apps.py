from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "fonds.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fonds.catalog.seed import load_core_authorities

        post_migrate.connect(load_core_authorities, sender=self)
