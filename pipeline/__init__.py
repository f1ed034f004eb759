"""The compiler driver: readers → passes → writers."""
