using System;
using System.Collections;
using System.Collections.Generic;

namespace ScheduleDsl.Definition
{
    /// <summary>An immutable array compared by its elements, so definitions holding lists stay
    /// value-equatable (the source generator caches on that equality).</summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        /// <summary>Wraps <paramref name="items"/> (copied, so later changes to it do not leak in).</summary>
        public EquatableArray(IEnumerable<T> items) => _items = new List<T>(items).ToArray();

        /// <summary>A copy of the elements.</summary>
        public T[] ToArray() => (T[])(_items ?? Array.Empty<T>()).Clone();

        /// <inheritdoc/>
        public int Count => _items?.Length ?? 0;

        /// <inheritdoc/>
        public T this[int index] => _items![index];

        /// <inheritdoc/>
        public bool Equals(EquatableArray<T> other)
        {
            if (Count != other.Count) return false;
            for (int i = 0; i < Count; i++)
                if (!_items![i].Equals(other._items![i])) return false;
            return true;
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            int hash = 17;
            foreach (T item in _items ?? Array.Empty<T>()) hash = hash * 31 + item.GetHashCode();
            return hash;
        }

        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Element-wise equality.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Element-wise inequality.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }
}
