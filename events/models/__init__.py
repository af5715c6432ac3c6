from .master_classes import MasterClassIndexPage, MasterClassPage, Registration

__all__ = ["MasterClassIndexPage", "MasterClassPage", "Registration"]
