import { describeOrderStoreContract } from '../../test/store-contract.js';
import { MemoryOrderStore } from './memory-store.js';

describeOrderStoreContract('memory', async () => ({ store: new MemoryOrderStore() }));
