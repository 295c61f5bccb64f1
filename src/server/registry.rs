//! Registries: a shared concern (approval subjects, dashboard widgets, background
//! sweeps) is owned by the layer that runs it, and each domain contributes its entries.
//! The composition root builds them all at start-up and hands them over here, keyed by
//! type, so platform code carries them to requests without naming any domain's types:
//! the approval queue asks `state.registries.get::<ApprovalSubjects>()`.
use crate::core::{AppError, AppResult};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

/// One value per type, shared by every request; cheap to clone.
#[derive(Clone, Default)]
pub struct Registries {
    by_type: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl Registries {
    /// Adds (or replaces) the registry of type `T`.
    pub fn with<T: Any + Send + Sync>(mut self, registry: T) -> Self {
        self.by_type.insert(TypeId::of::<T>(), Arc::new(registry));
        self
    }

    /// The registry of type `T`; INTERNAL when the composition root did not register one
    /// (a wiring mistake, logged).
    pub fn get<T: Any + Send + Sync>(&self) -> AppResult<&T> {
        self.by_type
            .get(&TypeId::of::<T>())
            .and_then(|r| r.downcast_ref::<T>())
            .ok_or_else(|| {
                tracing::error!(
                    registry = std::any::type_name::<T>(),
                    "registry not registered"
                );
                AppError::internal()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Widgets(Vec<&'static str>);

    #[test]
    fn each_type_has_one_registry() {
        let r = Registries::default()
            .with(Widgets(vec!["a"]))
            .with(Widgets(vec!["b"]))
            .with(7_u32);
        assert_eq!(r.get::<Widgets>().ok(), Some(&Widgets(vec!["b"])));
        assert_eq!(r.get::<u32>().ok(), Some(&7));
        assert!(r.get::<String>().is_err());
    }
}
