"""The domain layer: parties, licences, Software Assurance, entitlements, requests and cases."""
